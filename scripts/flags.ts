/**
 * Removes `flag VALUE` from the argument list and returns VALUE (undefined when the flag is
 * absent), so that what is left are the positional arguments.
 */
export function takeFlag(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}
