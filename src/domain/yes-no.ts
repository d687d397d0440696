// 是/否 typed as an option value (限制=是, 紧急=否, 确认=是). Read strictly: a word that is
// neither a known yes nor a known no is not a "no". 限制=保密 once registered a 违纪 clue
// unrestricted because 保密 was read as no; now it is refused and the person asked again.

/** Words read as yes, compared after trimming and lower-casing. */
export const YES_VALUES = ['是', '是的', '对', '要', '需要', '1', 'true', 'yes', 'y'] as const;
/** Words read as no. */
export const NO_VALUES = ['否', '不', '不是', '不要', '不需要', '0', 'false', 'no', 'n'] as const;

/**
 * true for a known yes (or one of `alsoYes`, e.g. 紧急=紧急), false for a known no,
 * undefined for anything else: the caller refuses it and names the words it knows.
 */
export function readYesNo(value: string, alsoYes: readonly string[] = []): boolean | undefined {
  const v = value.normalize('NFKC').trim().toLowerCase();
  if ((YES_VALUES as readonly string[]).includes(v) || alsoYes.includes(v)) return true;
  if ((NO_VALUES as readonly string[]).includes(v)) return false;
  return undefined;
}
