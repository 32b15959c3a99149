/**
 * A copy of a string in storage of its own. V8 represents a long slice of a string as a view into
 * its parent, so a small slice kept in a cache keeps a whole version of a 1 MB note alive: after
 * a thousand edits, a thousand versions. Concatenation makes a rope; slicing the rope flattens it
 * into fresh storage first.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}
