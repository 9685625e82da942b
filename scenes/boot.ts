// The page's entry. It carries the stylesheet and fonts, so the build links them in the page's
// head, where they block the first paint (the cannot-start message relies on that: see
// src/cli/pageShell.ts), and starts the game (main.ts) as one module graph with it, so the browser
// fetches every module the menu needs from the start and runs them in one go. The title screen the
// build wrote into index.html is on screen meanwhile. (Starting main.ts only after that screen was
// painted made the menu wait for a second round of fetches and tasks: about 160 ms at 4× CPU
// slowdown, with the first paint no earlier; bench: menu usable.)
// First: sets zod to jitless before any module of the game can build a schema (zod's eval probe
// would trip the CSP); the game's chunks may be evaluated in any order among themselves.
import './offline';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './ui/style.css';
import './main';
