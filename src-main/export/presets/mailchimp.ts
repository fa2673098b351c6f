import type { Preset } from "./types.ts";

// Mailchimp audience import: `Email Address` is required; the default merge fields are named
// First Name (FNAME), Last Name (LNAME) and Phone Number (PHONE); other columns map to merge fields.
export const mailchimp: Preset = {
  name: "mailchimp",
  label: "Mailchimp",
  format: "csv",
  columns: [
    { header: "Email Address", field: "email", value: (u) => u.email },
    { header: "First Name", field: "first_name", value: (u) => u.raw.first_name },
    { header: "Last Name", field: "last_name", value: (u) => u.raw.last_name },
    { header: "Phone Number", field: "phone", value: (u) => u.phone, verbatim: true },
  ],
  extraAttributes: true,
  alwaysColumns: ["Email Address"],
  requires: "a valid email address",
  hasRequired: (u) => u.email !== null,
  source: "https://mailchimp.com/help/format-guidelines-for-your-import-file/",
};
