import { Stack, Stage } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { acknowledgmentKeys, acknowledgmentsOn } from '../core/acknowledgment-ids';

/** A finding a pack did not report because an acknowledgment on an App, Stage or Stack covered it. */
export interface SilencedFinding {
  /** Path of the App, Stage or Stack holding the acknowledgment (`''` for the App). */
  readonly acknowledgedAt: string;
  readonly ruleId: string;
  /** The resource the finding was about. */
  readonly resourcePath: string;
}

const LEDGERS = new WeakMap<IConstruct, SilencedFinding[]>();

/** Findings silenced by acknowledgments above stack level during the last synthesis of `root`'s App. */
export function silencedFindings(root: IConstruct): readonly SilencedFinding[] {
  return LEDGERS.get(root.node.root) ?? [];
}

/** Forgets what the previous run recorded, before the packs run again. */
export function resetLedger(root: IConstruct): void {
  LEDGERS.set(root.node.root, []);
}

/**
 * Makes `pack` record every finding that an acknowledgment on an App, Stage or
 * Stack silences, so SecureBaseline can list them. The pack's own decision is
 * unchanged: the closest acknowledgment on the resource or an ancestor wins,
 * exactly as cdk-nag decides (`NagPack.isAcknowledged`, a private method this
 * wraps; if a cdk-nag release renames it, nothing is recorded and nothing breaks).
 */
export function recordBroadAcknowledgments(pack: NagPack): void {
  const target = pack as unknown as { isAcknowledged?: (node: IConstruct, ruleId: string) => boolean };
  const original = target.isAcknowledged;
  if (typeof original !== 'function' || (original as { recording?: boolean }).recording) return;
  const recording = function (this: unknown, node: IConstruct, ruleId: string): boolean {
    const acknowledged = original.call(this, node, ruleId);
    if (acknowledged) {
      const at = closestAcknowledgment(node, pack.readPackName, ruleId);
      if (at && (Stack.isStack(at) || Stage.isStage(at))) {
        const ledger = LEDGERS.get(node.node.root) ?? [];
        ledger.push({ acknowledgedAt: at.node.path, ruleId, resourcePath: node.node.path });
        LEDGERS.set(node.node.root, ledger);
      }
    }
    return acknowledged;
  };
  (recording as { recording?: boolean }).recording = true;
  target.isAcknowledged = recording;
}

function closestAcknowledgment(node: IConstruct, pack: string, ruleId: string): IConstruct | undefined {
  const keys = acknowledgmentKeys(pack, ruleId);
  for (let current: IConstruct | undefined = node; current; current = current.node.scope) {
    const acknowledged = acknowledgmentsOn(current);
    if (keys.some((key) => key in acknowledged)) return current;
  }
  return undefined;
}
