/** The DAW host: WebMIDI output, the look-ahead scheduler on its own thread, and the 127.0.0.1 WebSocket bridge. */
export * from './dispatch';
export * from './clock';
export * from './scheduler';
export * from './scheduler-types';
export * from './output';
export * from './engine';
export * from './midi-thread';
export * from '../core/bridge-protocol';
export * from './protocol/schema';
export * from './gate';
export * from './server';
export * from './service';
export * from './player';
export * from './app';
export * from './priority';
export * from './signals';
