import { previewOf } from './preview';

export default previewOf('emailChangeVerify', 'en');
