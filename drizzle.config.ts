import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and reviewed; they are applied at start-up and by `tasdeed migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
  casing: 'snake_case',
});
