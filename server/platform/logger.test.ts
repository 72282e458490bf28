import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggablePath, loggerOptions, redactPath } from './logger.ts';

const TOKEN = 'Zq3xY8pL0mN4vB7cR2tK9wE5sA1dF6gH';

/** An app logging through the project's options into memory; returns every line written. */
async function logLinesFor(urls: string[]): Promise<string[]> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = Fastify({ logger: { ...(loggerOptions('info') as object), stream } });
  app.get('/api/confirm/:token', async () => ({ ok: true }));
  app.post('/api/confirm/:token', async () => ({ ok: true }));
  app.get('/confirm/:token', async () => 'page');
  app.get('/api/students', async () => ({ items: [] }));
  for (const url of urls) await app.inject({ method: 'GET', url });
  await app.inject({ method: 'POST', url: `/api/confirm/${TOKEN}`, payload: {} });
  await app.close();
  return lines;
}

describe('request logging', () => {
  it('never writes a remote confirmation token to the log, for the API and for the page', async () => {
    const lines = await logLinesFor([
      `/api/confirm/${TOKEN}`,
      `/confirm/${TOKEN}?x=1`,
      '/api/students?q=Bērziņš',
    ]);
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('Bērziņš');
    const paths = lines.map((l) => JSON.parse(l).req?.path).filter(Boolean);
    expect(paths).toEqual(expect.arrayContaining(['/api/confirm/***', '/confirm/***', '/api/students']));
  });

  it('keeps other paths as they are and drops the query string', () => {
    expect(redactPath('/api/plans/1b0c/approve?x=1')).toBe('/api/plans/1b0c/approve');
    expect(redactPath(`/api/confirm/${TOKEN}/extra`)).toBe('/api/confirm/***/extra');
    expect(redactPath(`/confirm/${encodeURIComponent(TOKEN)}`)).toBe('/confirm/***');
    expect(redactPath(`//api/confirm/${TOKEN}`)).not.toContain(TOKEN);
  });
});

describe('loggablePath', () => {
  const id = '1b0c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
  it('keeps static segments and ids of a matched route and masks any other parameter value', () => {
    expect(loggablePath(`/api/students/${id}/notes`, '/api/students/:id/notes')).toBe(
      `/api/students/${id}/notes`,
    );
    expect(loggablePath('/api/students/120313-12345?q=Bērziņš', '/api/students/:id')).toBe(
      '/api/students/***',
    );
    expect(loggablePath('/api/students/Ozoliņa/notes', '/api/students/:id/notes')).toBe(
      '/api/students/***/notes',
    );
  });

  it('keeps only lowercase words and ids of a path that matches no route', () => {
    expect(loggablePath('/api/password-reset/rst7Kq2mZp9Lw3Xv8Bn4')).toBe('/api/password-reset/***');
    expect(loggablePath(`/api/nope/${id}/120313-12345`)).toBe(`/api/nope/${id}/***`);
  });
});
