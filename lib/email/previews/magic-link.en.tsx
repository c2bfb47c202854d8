import { previewOf } from './preview';

export default previewOf('magicLink', 'en');
