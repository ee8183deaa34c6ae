import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new append-only SQL migration from the schema.
export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/core/db/schema/index.ts',
  out: './electron/core/db/migrations',
});
