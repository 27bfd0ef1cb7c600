/** DI tokens for plain values (ports are abstract classes and are their own tokens). */
export const RUNTIME_SETTINGS = Symbol('RUNTIME_SETTINGS');
export const SIGNET_CONFIG = Symbol('SIGNET_CONFIG');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
