import { CookieJar } from '../../protocols/http/cookies';

/**
 * One session cookie jar per caller (window / WebSocket), as browsers keep one per profile: the
 * cookies a window collects are applied to its later requests and across redirects, never to
 * another window's. Bounded: the least recently used caller's jar goes first, so reconnecting
 * pages (new caller ids) cannot grow memory without limit.
 */
export class CallerJars {
  private readonly jars = new Map<string, CookieJar>();

  constructor(private readonly maxJars = 32) {}

  /** the caller's jar, created on first use */
  get(callerId: string): CookieJar {
    let jar = this.jars.get(callerId);
    if (jar) {
      // re-insert: Map order is our recency order
      this.jars.delete(callerId);
    } else jar = new CookieJar();
    this.jars.set(callerId, jar);
    while (this.jars.size > this.maxJars) this.jars.delete(this.jars.keys().next().value!);
    return jar;
  }

  get size(): number {
    return this.jars.size;
  }
}
