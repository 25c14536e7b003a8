/** A promise with its settle functions outside, to choose when (and how) it settles. */
export function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued promise callback run. */
export const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
