/** The DAW host: WebMIDI output, the look-ahead scheduler, and the 127.0.0.1 WebSocket bridge. */
export * from './dispatch';
export * from './scheduler';
export * from './scheduler-types';
export * from './output';
export * from './schema';
export * from './server';
export * from './service';
export * from './player';
export * from './app';
export * from './priority';
