/** "1 file", "3 files": a count with its word in the right number (an irregular plural can be given). */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
