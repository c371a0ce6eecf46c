import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="text-slate-600">There is nothing at this address, or it is not public.</p>
      <Link href="/schedules" className="text-indigo-700 hover:underline">
        Back to the schedule gallery
      </Link>
    </div>
  );
}
