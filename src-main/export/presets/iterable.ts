import type { Preset } from "./types.ts";

// Iterable user CSV upload: `email` and/or `userId` identify the user (which one depends on the
// project's type); phoneNumber is Iterable's SMS field in E.164; other columns become user fields.
export const iterable: Preset = {
  name: "iterable",
  label: "Iterable",
  format: "csv",
  columns: [
    { header: "email", field: "email", value: (u) => u.email },
    { header: "userId", field: "external_id", value: (u) => u.externalId },
    { header: "phoneNumber", field: "phone", value: (u) => u.phone, verbatim: true },
    { header: "firstName", field: "first_name", value: (u) => u.raw.first_name },
    { header: "lastName", field: "last_name", value: (u) => u.raw.last_name },
  ],
  extraAttributes: true,
  alwaysColumns: ["email", "userId"],
  requires: "an email or a userId",
  hasRequired: (u) => u.email !== null || u.externalId !== null,
  source: "https://support.iterable.com/hc/en-us/articles/208183076-Uploading-User-Lists",
};
