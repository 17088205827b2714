/**
 * Labels of the fields a change entry can name (the contact's editable fields, archiving,
 * copying), shared by the card and the overview so the two always say the same.
 */
export const fieldLabels = {
  nl: {
    'field.salutation': 'Aanhef',
    'field.firstName': 'Voornaam',
    'field.infix': 'Tussenvoegsel',
    'field.lastName': 'Achternaam',
    'field.jobTitle': 'Functie',
    'field.department': 'Afdeling',
    'field.email': 'E-mail',
    'field.phone': 'Telefoon',
    'field.mobile': 'Mobiel',
    'field.notes': 'Notities',
    'field.archived': 'Gearchiveerd',
    'field.copiedTo': 'Gekopieerd naar',
    'field.copiedFrom': 'Gekopieerd van',
  },
  en: {
    'field.salutation': 'Salutation',
    'field.firstName': 'First name',
    'field.infix': 'Name prefix',
    'field.lastName': 'Last name',
    'field.jobTitle': 'Job title',
    'field.department': 'Department',
    'field.email': 'E-mail',
    'field.phone': 'Phone',
    'field.mobile': 'Mobile',
    'field.notes': 'Notes',
    'field.archived': 'Archived',
    'field.copiedTo': 'Copied to',
    'field.copiedFrom': 'Copied from',
  },
} as const;
