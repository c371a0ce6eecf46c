"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function CancelJobButton({ jobId }: { jobId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await fetch(`/api/v1/jobs/${jobId}/cancel`, { method: "POST" });
        router.refresh();
      }}
      className="text-red-700 hover:underline"
    >
      cancel
    </button>
  );
}
