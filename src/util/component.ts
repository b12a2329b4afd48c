// A part of the control plane or a node agent that reacts to the cluster's state. The cluster
// calls sync() repeatedly until every component reports that it changed nothing.

export interface Component {
  readonly name: string;
  /** Do all pending work; return true if anything in the store was changed. */
  sync(): boolean;
}
