import { action, argsOf, uint,  } from '../../kernel/index.js';
import { requireFunds } from './auth.js';
import { bls, popVerifyCached } from './bls.js';
import { sendAddStaker } from './bridge.js';
import { blsKeyArg, blsPopArg, hexBytes, tmKeyArg, ZERO_KEY } from './keys.js';
import { SLOT_COUNT } from './params.js';
import type { Seq } from './state.js';

const args = argsOf({ tmKey: tmKeyArg, blsKey: blsKeyArg, blsPop: blsPopArg, value: uint(256).default(0n) });

/** Spec 8.1 register: fixed ETH stake, tendermint key, BLS key with a real proof of possession, lowest free slot. */
export function register(seq: Seq) {
  return action({
    summary: 'register as a staker on L1 (payable: exactly stakingValue ETH)',
    args,
    run(sender, { tmKey, blsKey, blsPop, value }) {
      const { ctx, state: st } = seq;
      requireFunds(seq, sender, value);
      if (!st.whitelist.has(sender)) ctx.fail('NOT_IN_WHITELIST', 'not in whitelist', { sender });
      if (st.l1Stakers.has(sender)) ctx.fail('ALREADY_REGISTERED', 'already registered', { sender });
      if (tmKey === ZERO_KEY || st.tmKeys.has(tmKey)) ctx.fail('INVALID_TENDERMINT_PUBKEY', 'invalid tendermint pubkey', { tmKey });
      const pk = hexBytes(blsKey);
      const pop = hexBytes(blsPop);
      const blsOk = pk.length === 48 && !st.blsKeys.has(blsKey) && bls().keyValidate(pk) && pop.length === 96 && popVerifyCached(pk, pop);
      if (!blsOk) ctx.fail('INVALID_BLS_PUBKEY', 'invalid bls pubkey (48-byte G1 key with a valid proof of possession required)', { blsKey });
      if (value !== st.u.stakingValue) ctx.fail('INVALID_STAKING_VALUE', 'invalid staking value', { value: `${value}`, stakingValue: `${st.u.stakingValue}` });
      let slot = -1;
      for (let s = 0; s < SLOT_COUNT; s++) {
        if (st.stakerSet.at(s) === '0x0000000000000000000000000000000000000000') {
          slot = s;
          break;
        }
      }
      if (slot < 0) ctx.fail('SLOT_FULL', 'slot full');
      st.stakerSet.set(slot, sender);
      st.stakerIndexes.set(sender, slot + 1);
      if (value > 0n) ctx.ledger.escrowIn('ETH', ctx.name, sender, value);
      st.escrowL1Staking.set(st.escrowL1Staking.get() + value);
      st.l1Stakers.set(sender, { tmKey, blsKey });
      st.stakedAmount.set(sender, value);
      st.tmKeys.set(tmKey, true);
      st.blsKeys.set(blsKey, true);
      ctx.emit('Registered', { addr: sender, tmKey, blsKey });
      sendAddStaker(seq, { addr: sender, tmKey, blsKey });
    },
  });
}
