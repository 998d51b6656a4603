// Vite's types for the portal: import.meta.env (PROD in a build, DEV under `vite dev`) and asset imports.
/// <reference types="vite/client" />
