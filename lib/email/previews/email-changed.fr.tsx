import { previewOf } from './preview';

export default previewOf('emailChanged', 'fr');
