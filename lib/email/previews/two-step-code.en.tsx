import { previewOf } from './preview';

export default previewOf('twoStepCode', 'en');
