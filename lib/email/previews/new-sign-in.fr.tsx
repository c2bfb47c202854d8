import { previewOf } from './preview';

export default previewOf('newSignIn', 'fr');
