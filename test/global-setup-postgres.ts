import { createPostgresTemplate } from './database.ts';

/** Migrates and loads one PostgreSQL template database; each test file copies it with CREATE DATABASE … TEMPLATE. */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return createPostgresTemplate(url);
}
