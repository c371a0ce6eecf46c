/**
 * A client's half of a direct upload: PUT the bytes to the presigned URL the server handed out, with
 * exactly its headers (the bucket checks the signed SHA-256 against the bytes). The body is a Blob so
 * a file is streamed from disk (fs.openAsBlob) with a known length, never read into memory whole.
 */
export interface PresignedUpload {
  method: "PUT";
  url: string;
  headers: Record<string, string>;
  key: string;
}

export async function putToBucket(
  upload: PresignedUpload,
  body: () => Promise<Blob> | Blob,
  options: { attempts?: number; log?: (message: string) => void; fetch?: typeof fetch } = {},
): Promise<void> {
  const attempts = options.attempts ?? 5;
  const send = options.fetch ?? fetch;
  for (let attempt = 1; ; attempt++) {
    let problem: string;
    try {
      const response = await send(upload.url, { method: upload.method, headers: upload.headers, body: await body() });
      if (response.ok) return;
      const text = (await response.text()).slice(0, 300);
      // 4xx other than a throttle will not change on a retry (a refused signature, a checksum mismatch).
      if (response.status < 500 && response.status !== 429) throw new Error(`the bucket refused the upload (${response.status}): ${text}`);
      problem = `the bucket answered ${response.status}`;
    } catch (error) {
      if ((error as Error).message.startsWith("the bucket refused")) throw error;
      problem = (error as Error).message;
    }
    if (attempt >= attempts) throw new Error(`uploading to the bucket failed ${attempts} times; last: ${problem}`);
    options.log?.(`uploading to the bucket: ${problem}; retrying`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)));
  }
}
