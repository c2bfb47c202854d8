import { previewOf } from './preview';

export default previewOf('companySignIn', 'en');
