import pkg from '../../package.json';

export const VERSION: string = pkg.version;
export const HOMEPAGE: string = pkg.homepage;
/** Rule docs pages live in docs/rules/<id>.md of the repository. */
export const DOCS_BASE_URL = `${pkg.homepage.replace(/#.*$/, '')}/blob/main/docs/rules`;
