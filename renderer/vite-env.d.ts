/// <reference types="vite/client" />
// Gives the renderer Vite's ambient types: side-effect CSS imports like 'diff2html/bundles/css/…' type-check.
