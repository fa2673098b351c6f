// E-mail addresses as `--drop-personal` finds them: as a whole value (removed, or a user id
// pseudonymized) or inside text (replaced by "[e-mail]"). personal.ts and saved-scrub.ts share them.

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const WHOLE_EMAIL = new RegExp(`^\\s*${EMAIL.source}\\s*$`, "u");

export const isEmail = (v: string) => WHOLE_EMAIL.test(v);
export const redactEmails = (v: string) => v.replace(EMAIL, "[e-mail]");
export const hasEmail = (v: string) => v.search(EMAIL) >= 0;
