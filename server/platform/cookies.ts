import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'pumpurs_sid';
export const CSRF_COOKIE = 'pumpurs_csrf';
export const LANG_COOKIE = 'pumpurs_lang';

/** Sets an HttpOnly, SameSite=Lax cookie for the whole site (Secure in production). */
export function setCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  secure: boolean,
  maxAgeSeconds?: number,
) {
  reply.setCookie(name, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: maxAgeSeconds });
}

export function clearCookie(reply: FastifyReply, name: string, secure: boolean) {
  reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
