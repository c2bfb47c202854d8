import { previewOf } from './preview';

export default previewOf('emailChangeRequested', 'en');
