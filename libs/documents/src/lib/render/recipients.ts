/** "Nơi nhận" lines as the decree writes them: "- Như trên;" for each, the last one closed with "." */
export function closingRecipientLines(recipients: readonly string[]): string[] {
  const clean = recipients.map((r) => r.trim().replace(/^[-–]\s*/, '').replace(/[;.,]+$/, '')).filter(Boolean);
  return clean.map((r, i) => `- ${r}${i === clean.length - 1 ? '.' : ';'}`);
}
