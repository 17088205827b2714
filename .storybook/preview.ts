import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';

// Controls and docs come from the same manifest that documents the package.
setCustomElementsManifest(manifest);

const preview: Preview = {
  globalTypes: {
    lang: {
      description: 'Language of the elements',
      toolbar: { title: 'Language', icon: 'globe', items: ['nl', 'en'], dynamicTitle: true },
    },
  },
  initialGlobals: { lang: 'nl' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = String(context.globals.lang ?? 'nl');
      return story();
    },
  ],
  parameters: {
    controls: { expanded: true },
  },
};

export default preview;
