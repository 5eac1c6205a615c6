/**
 * Figure captions that let a reader reproduce the figure: bfrsim version, model name and content
 * hash, subject and the protocol's dose in words. Browser-safe.
 */
import { VERSION } from "../version.ts";
import type { Protocol } from "../simulate/protocol.ts";
import type { SimulationResult } from "../simulate/simulate.ts";

/** The protocol's dose in one line, e.g. "knee_extension, 25 %1RM, 30-15-15-15, thigh cuff 60 %AOP continuous, 3×/wk for 12 wk". */
export function protocolSummary(p: Protocol): string {
  const parts: string[] = [p.modality];
  if (p.intensity.loadPct1Rm !== undefined) parts.push(`${p.intensity.loadPct1Rm} %1RM`);
  if (p.intensity.walkingSpeedMPerMin !== undefined) parts.push(`${p.intensity.walkingSpeedMPerMin} m/min`);
  if (p.intensity.pctHrr !== undefined) parts.push(`${p.intensity.pctHrr} %HRR`);
  if (p.setsPattern) parts.push(`sets ${p.setsPattern}, ${p.restBetweenSetsS} s rests`);
  if (p.cuff.site === "none") parts.push("no cuff");
  else {
    const pressure = p.cuff.pressure.pctAop !== undefined ? `${p.cuff.pressure.pctAop} %AOP` : `${p.cuff.pressure.mmHg} mmHg`;
    parts.push(`${p.cuff.site} cuff ${p.cuff.widthCm} cm at ${pressure}, ${p.cuff.inflation.replace(/_/g, " ")}`);
  }
  parts.push(`${p.sessionsPerWeek}×/wk for ${p.weeks} wk`);
  return parts.join(", ");
}

/** The model's identity: name and the first 12 hex digits of its content hash. */
export function modelLabel(model: SimulationResult["model"]): string {
  return `model ${model.name} (sha256 ${model.contentHash.slice(0, 12)})`;
}

/** A caption naming the bfrsim version, the model, the subject and the protocol of `result`. */
export function simulationCaption(result: Pick<SimulationResult, "model" | "subject" | "protocol">, extra?: string): string {
  const subject = result.subject.name ?? "subject";
  const lines = [
    `bfrsim ${VERSION} · ${modelLabel(result.model)} · subject ${subject}`,
    `protocol ${result.protocol.name}: ${protocolSummary(result.protocol)}`,
  ];
  if (extra) lines.push(extra);
  return lines.join("\n");
}
