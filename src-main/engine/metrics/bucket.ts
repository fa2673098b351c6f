/**
 * The reciprocal of a bucket width, rounded up by a few units in the last place: `bucketOf` needs a
 * product that is never below the true quotient.
 */
export function inverseUp(width: number): number {
  return (1 / width) * (1 + 2 ** -50);
}

/**
 * floor(offset / width) for an offset in [0, width * 2^31) and a whole width below 2^22 ms (an hour,
 * a day): the bucket of an instant `offset` ms after a range's start. The hot loops spent most of
 * their time waiting on the division; a multiplication by `inverseUp(width)` cannot land below the
 * quotient's integer part (the reciprocal is rounded up) and lands one above it only for an offset
 * a hair under a bucket's edge, which the comparison takes back, without a branch.
 */
export function bucketOf(offset: number, width: number, inverse: number): number {
  const guess = (offset * inverse) | 0;
  return (guess - (guess * width > offset ? 1 : 0)) | 0;
}
