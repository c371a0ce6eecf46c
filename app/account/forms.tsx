"use client";

import { useActionState } from "react";
import { CopyButton } from "../_components/CopyButton";
import type { ActionState } from "../_lib/validated-action";
import { createTokenAction, registerWorkerAction, revokeTokenAction, type SecretState } from "./actions";

const input = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";
const button = "rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:bg-slate-400";
const ASSIGNABLE_SCOPES = ["runs:write", "schedules:write", "jobs:submit"] as const;

function Problems({ state }: { state: ActionState }) {
  const messages = [...(state.errors ?? []).map((e) => e.message), ...(state.formError ? [state.formError] : [])];
  if (messages.length === 0) return null;
  return (
    <ul className="text-sm text-red-700" role="alert">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

function SecretOnce({ state }: { state: SecretState }) {
  if (!state.secret) return null;
  return (
    <div className="space-y-2 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
      <p className="font-medium text-emerald-900">{state.label}: copy it now, it is shown only once.</p>
      <div className="flex items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1" data-testid="new-secret">
          {state.secret}
        </code>
        <CopyButton text={state.secret} />
      </div>
    </div>
  );
}

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<SecretState, FormData>(createTokenAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <label className="block text-sm font-medium">
        Name
        <input name="name" className={input} placeholder="CI uploads" />
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">Scopes</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {ASSIGNABLE_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-1">
              <input type="checkbox" name="scopes" value={scope} /> {scope}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-sm font-medium">
        Expires after (days, optional)
        <input name="expiresInDays" inputMode="numeric" className={`${input} w-32`} />
      </label>
      <Problems state={state} />
      <button type="submit" className={button} disabled={pending}>
        {pending ? "Creating…" : "Create token"}
      </button>
      <SecretOnce state={state} />
    </form>
  );
}

export function RevokeTokenButton({ id, label }: { id: string; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revokeTokenAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="text-sm text-red-700 hover:underline" aria-label={`Revoke ${label}`}>
        Revoke
      </button>
      <Problems state={state} />
    </form>
  );
}

export function RegisterWorkerForm() {
  const [state, action, pending] = useActionState<SecretState, FormData>(registerWorkerAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <label className="block text-sm font-medium">
        Worker name
        <input name="name" className={input} placeholder="lab-a100-1" />
      </label>
      <Problems state={state} />
      <button type="submit" className={button} disabled={pending}>
        {pending ? "Registering…" : "Register worker"}
      </button>
      <SecretOnce state={state} />
    </form>
  );
}
