import { createElement } from 'react';
import { registerSideView } from '../workbench/contributions';
import { Icon } from '../workbench/icons';
import { Explorer } from './Explorer';

registerSideView({
  id: 'explorer',
  title: 'Explorer',
  icon: ({ size }) => createElement(Icon, { name: 'files', size }),
  order: 10,
  commandId: 'workbench.view.explorer',
  component: Explorer,
});
