// Per-cycle working arrays of the scoring plugins: kept from cycle to cycle instead of allocated
// per scheduled pod (a node-sized array per pod is megabytes per thousand pods at 5,000 nodes).

/** Float64Arrays reused from cycle to cycle, one per position (a constraint, a topology key), zeroed when handed out. */
export class ScratchArrays {
  private readonly arrays: Float64Array[] = [];

  /** The array of position i, `length` long and all zeros; valid until the next call for i. */
  zeroed(i: number, length: number): Float64Array {
    let a = this.arrays[i];
    if (!a || a.length !== length) this.arrays[i] = a = new Float64Array(length);
    else a.fill(0);
    return a;
  }
}
