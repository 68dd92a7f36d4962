import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressOf, fromHex, keccakText, toHex } from '../../kernel/index.js';
import { bls, nobleBackend, testBlsKey, testBlsPop, testSecretKey, testTmKey } from './bls.js';

// Spec 15.10.
const V: Record<string, { addr: string; tmKey: string; pk: string; pop: string }> = {
  first: {
    addr: '0x0c9ec6fb32af21c16d3f6ac10039258c2a5d4d2d',
    tmKey: '0xe53cc112004c7d37a34cbc947e4da8046042f397807cdce5e672c0d9636d3b39',
    pk: '0x89a7157428540bd17dbb8ff7d0380617c097fa0f3749be82061a234f38e4a84e7400c4311a45ba34747ded8fdeb99da3',
    pop: '0x9575c7a26e469fc3d3b0985e8f3ed127f0edac5c2684359018d6b2b4c81ccbd8987c2d2abea20a50559f17011eade94409473fcc9cb150eeff50fac5c504889154201761475d5b03c1f3695d2443099716fe4317d662063f744e18076efd426b',
  },
  second: {
    addr: '0x5f3a97d4f276a44c24c135c12c37867a1f667b8a',
    tmKey: '0xca18f3e9c433623b87866171dcb17fbf631e79198eaf37299204ae6de2e7b679',
    pk: '0x97ab77a5ceeb8aff884531b23289024093d1aca2b78bc20ddc782c856010023887b583b80029ef19598578c093d20dd1',
    pop: '0x9907a2e62a09f1109577bce8dd8a1694b5d3fed904fe333a198db7905652b3b7c7d23c63cf3e6265944e5c4c34ed085618362359e9cc73f381fde42c6fef012fe05cd3cbf79628bb9c8a2be969fafba8f7376adcd17678a33d1b669de027f060',
  },
  third: {
    addr: '0x6cbdbc28cb7eea7fb31af3efe0e73d501c738c34',
    tmKey: '0x3096616aa0a3fd82758fa357f4395b34a6fb4167982e38db05ea459eb3e38600',
    pk: '0x814a8ad7ee77e3d580298c729e88349d903818276d5c314151c283baea6fcceeea3650c92ead8b4b37aece96fe5b1f7d',
    pop: '0x8f382f2db753879e01037f26f6a3b7dfb5be1d3e957f4c11958f06e15f761825bed260bd2e4ddca225300d5662feb50910e29f4b0a3ef41702f8f4cbc1c8890ff36dca6522cb3f8e4bece728583ceb3e115597bf59d4b47af29e6515da903f18',
  },
  bob: {
    addr: '0x3440326f551b8a7ee198cee35cb5d517f2d296a2',
    tmKey: '0x953cc2a15fe9b348a7973dcf49d5a076c91fdb420745be716f3ee4d37722315d',
    pk: '0xa9e866902e54eb364e5b0ac6f39ba8c5def7ef1753643aed740e4c5162af4d318a00ed06195065d15d598fffa9646c61',
    pop: '0xa04ce29659309dd7a353104e1623f9cbf6d67d6d47f6df05bcbc1ca52c916781f4efd98cef846fd2caac7cef2124bf2e12dd59480ebef42a00c90a397c7e61a78803ed4b9233a9fa174e43683b3968f06e53fca972a4b2439ad9a2184979f5e8',
  },
};

const B1_SIG =
  '0xb9fa1b3e28780f30a7ccced86dcb96ec9a2ea5d1c66a82e436802dd80f5da1396da733a378b8b847b82dd040550470d3192b24386ab296bc36a9ffb9ae6f8df74c30416de89efb6adda79c1d5f4fdff50deca1ecfd7bee7a19a02a0167c3cb32';
const B2_SIG =
  '0xb7571b5c30bcb7846cc7a1f98ace14c03210ba2bbe3600783c7648dc7c46d65479704df8d5ae34159aaf1e658a2e2a3f124dcc914852d93a32ee80b451b513ed4a99ff1779d3a9cd378717b07956f093b2d510829b32ee0474d0bab9adcd6547';
const B1_MSG = '0x8570625dd31e5f88cdacf8162fb7b621c01ba6a4c6d7959e9cb2b53c78f2ee8a';

describe('BLS backend (noble) on the vectors of spec 15.10', () => {
  it('derives the test keys', () => {
    for (const [name, v] of Object.entries(V)) {
      assert.equal(addressOf(name), v.addr);
      assert.equal(testTmKey(name), v.tmKey);
      assert.equal(toHex(testBlsKey(name)), v.pk);
      assert.equal(toHex(testBlsPop(name)), v.pop);
    }
  });

  it('verifies proofs of possession and refuses swapped ones', () => {
    assert.equal(bls().popVerify(fromHex(V.first!.pk), fromHex(V.first!.pop)), true);
    assert.equal(bls().popVerify(fromHex(V.first!.pk), fromHex(V.bob!.pop)), false);
    assert.equal(bls().popVerify(fromHex(V.first!.pk), new Uint8Array(96)), false);
    assert.equal(bls().keyValidate(new Uint8Array(48)), false);
    assert.equal(bls().keyValidate(fromHex(`0xc0${'00'.repeat(47)}`)), false, 'identity');
  });

  it('FastAggregateVerify: B-1 accepted, B-2 valid only for its two signers, B-3 refused', () => {
    assert.equal(keccakText('batch:1'), '0x270ef9267990d5f59c4d77a116a1ff25411682900c7f4a95c32804b1c009f194');
    const pks = ['first', 'second', 'third'].map((n) => fromHex(V[n]!.pk));
    const m = fromHex(B1_MSG);
    assert.equal(nobleBackend.fastAggregateVerify(pks, m, fromHex(B1_SIG)), true);
    assert.equal(nobleBackend.fastAggregateVerify(pks.slice(0, 2), m, fromHex(B2_SIG)), true);
    assert.equal(nobleBackend.fastAggregateVerify(pks, m, fromHex(B2_SIG)), false);
    const agg = nobleBackend.aggregateSignatures(['first', 'second', 'third'].map((n) => nobleBackend.sign(testSecretKey(n), m)));
    assert.equal(toHex(agg), B1_SIG);
  });
});
