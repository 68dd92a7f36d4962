import type { MechanismModule } from '../kernel/index.js';
import { posEconomyModule } from '../mechanisms/pos-economy/index.js';
import { proverPoolModule } from '../mechanisms/prover-pool/index.js';
import { sequencerStakingModule } from '../mechanisms/sequencer-staking/index.js';
import { stakePoolModule } from '../mechanisms/stake-pool/index.js';

/** Every mechanism Stakeworks ships, by the key used under `chain.mechanisms`. */
export const mechanismRegistry: ReadonlyMap<string, MechanismModule> = new Map<string, MechanismModule>([
  [proverPoolModule.kind, proverPoolModule],
  [sequencerStakingModule.kind, sequencerStakingModule],
  [stakePoolModule.kind, stakePoolModule],
  [posEconomyModule.kind, posEconomyModule],
]);
