// The stage's colours, matching the stylesheet's palette.
export const PALETTE = {
  night: 0x14213d,
  dusk: 0x1d2d50,
  paper: 0xfbf8f1,
  wood: 0x6b4f3a,
  woodDark: 0x4a3626,
  accent: 0x0b5cad,
  focus: 0xffbf47,
  grey: 0x8a8f9c,
} as const;

export const hex = (colour: string) => Number.parseInt(colour.slice(1), 16);

/** Reactions, welcomes … walks out (the order of REACTIONS): warm to cold, and also told apart by their height in a row. */
export const REACTION_COLOURS = [0x3fb96f, 0x9fd483, 0xf2c14e, 0xf08a4b, 0xe04848] as const;
