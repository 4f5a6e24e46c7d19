// latest(): keeps only the newest of overlapping requests, so a slow old answer never overwrites a newer one.

/** Returns a guard: `const isCurrent = next();` before the request, `if (!isCurrent()) return;` after it. */
export function latest(): () => () => boolean {
  let counter = 0;
  return () => {
    const mine = ++counter;
    return () => mine === counter;
  };
}
