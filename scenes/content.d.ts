// The content as the production build ships it, already loaded and checked (src/cli/buildPlugins.ts).
declare module 'virtual:envoy-content' {
  const content: import('../src/content/loader').Content | null;
  export default content;
}

// Phaser's own source modules, for the production build's Phaser (scenes/stage/phaserBuild.ts).
// They are CommonJS without types; the scenes get their types from the 'phaser' package.
declare module 'phaser-src/*' {
  const value: any;
  export default value;
}
