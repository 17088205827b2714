import { RIGHTS, type Role, type User } from '../contract/model.js';

/** The roles an adapter knows unless its host passes its own. */
export const DEFAULT_ROLES: readonly Role[] = [
  { id: 'admin', name: 'Beheerder', rights: [...RIGHTS] },
  {
    id: 'employee',
    name: 'Medewerker',
    rights: ['read', 'see-archived', 'preferences', 'edit', 'create-work', 'documents', 'reports', 'checklist-edit'],
  },
  { id: 'viewer', name: 'Alleen lezen', rights: ['read', 'see-archived', 'preferences', 'reports'] },
];

/** Who the embedded default acts for when the host names no one: one local user, every right. */
export const LOCAL_USER: User = { id: 'local', name: 'Lokale gebruiker', role: 'admin' };

/** The role `user` acts in; an unknown role holds no rights. */
export const roleOf = (roles: readonly Role[], user: User): Role =>
  roles.find((r) => r.id === user.role) ?? { id: user.role, name: user.role, rights: [] };
