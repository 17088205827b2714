import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import type { ArgTypesEnhancer } from 'storybook/internal/types';
import { attributesOf, liftControls, readOnlyMembersOf, type LiftArgType } from './controls.js';
import '../themes/light.css';
import '../themes/dark.css';

// Controls and docs come from the same manifest that documents the package.
setCustomElementsManifest(manifest);

/** Each story's controls, fitted to the types the manifest gives (see controls.ts). */
const controlsFromTypes: ArgTypesEnhancer = (context) => {
  const tagName = String(context.component ?? '');
  return liftControls(context.argTypes as Record<string, LiftArgType>, attributesOf(manifest, tagName), readOnlyMembersOf(manifest, tagName)) as typeof context.argTypes;
};

const preview: Preview = {
  tags: ['autodocs'],
  argTypesEnhancers: [controlsFromTypes],
  globalTypes: {
    lang: {
      description: 'Language of the elements',
      toolbar: { title: 'Language', icon: 'globe', items: ['nl', 'en'], dynamicTitle: true },
    },
    theme: {
      description: 'Token set (@lift/elements/themes/*.css)',
      toolbar: { title: 'Theme', icon: 'contrast', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { lang: 'nl', theme: 'light' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = String(context.globals.lang ?? 'nl');
      const theme = String(context.globals.theme ?? 'light');
      document.documentElement.dataset.liftTheme = theme;
      // The story canvas follows the token set too, so dark elements sit on a dark page.
      document.body.style.background = theme === 'dark' ? '#0d1117' : '';
      document.body.style.color = theme === 'dark' ? '#e6eaf0' : '';
      return story();
    },
  ],
  parameters: {
    controls: { expanded: true },
    // Fail the accessibility panel's checks loudly in review rather than as a quiet count.
    a11y: { test: 'error' },
  },
};

export default preview;
