/**
 * The slice of the WebAssembly JS API this project uses. Node 20 has it as a global, but neither the ES
 * lib nor @types/node declares it, and pulling in the DOM lib would declare far more than Node has.
 */
declare namespace WebAssembly {
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
  }
}
