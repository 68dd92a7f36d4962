import type { Address, Hex } from '../../kernel/index.js';
import { addStaker, removeStakers } from './l2Mirror.js';
import type { BridgeMessage, Seq } from './state.js';
import { nowAt } from './time.js';

/** Spec 8.3 send: append to the ordered queue with the delivery delay in L1 blocks. */
export function sendAddStaker(seq: Seq, payload: { addr: Address; tmKey: Hex; blsKey: Hex }): void {
  send(seq, 'addStaker', payload);
}

export function sendRemoveStakers(seq: Seq, stakers: readonly Address[]): void {
  send(seq, 'removeStakers', { stakers: [...stakers] });
}

function send(seq: Seq, kind: BridgeMessage['kind'], payload: BridgeMessage['payload']): void {
  const st = seq.state;
  const H = seq.ctx.clock.height;
  const msg: BridgeMessage = { seq: st.nextMessageSeq.get(), kind, payload, sentAt: H, deliverAt: H + seq.params.bridgeDelayBlocks };
  st.queue.push(msg);
  st.nextMessageSeq.set(msg.seq + 1);
  seq.ctx.emit('MessageSent', { seq: msg.seq, kind, deliverAt: msg.deliverAt });
}

/**
 * Spec 8.3 deliver, from the block hook after sync, strictly in seq order. The hook runs while
 * block H closes; a message is due in the block it names (`deliverAt` ≤ H + 1), so a delay of one
 * block means "relayed as the next block opens", which is what the published fixtures assume
 * (stakers reach L2 after one `advance: { blocks: 1 }`).
 */
export function deliverDue(seq: Seq): void {
  const st = seq.state;
  const H = seq.ctx.clock.height + 1;
  while (st.queue.length > 0 && st.queue.at(0)!.deliverAt <= H) {
    const msg = st.queue.shift()!;
    const at = nowAt(seq);
    if (msg.kind === 'addStaker') addStaker(seq, msg.payload as { addr: Address; tmKey: Hex; blsKey: Hex }, at);
    else removeStakers(seq, (msg.payload as { stakers: readonly Address[] }).stakers, at);
    seq.ctx.emit('MessageRelayed', { seq: msg.seq, kind: msg.kind });
  }
}
