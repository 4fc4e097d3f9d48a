import type { Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';

/**
 * Draws the terminal with WebGL where the machine has a real GPU, as VS Code does: the DOM
 * renderer spends most of a flood in style, layout and paint (half the renderer's CPU in the
 * benchmark). WebGL emulated in software (SwiftShader, llvmpipe: no GPU, e.g. a VM or the test
 * browser) measured 5× slower than the DOM renderer, so it is not used there. When the GPU
 * context is lost (driver reset, too many contexts), xterm goes on with its DOM renderer.
 * Returns which one draws.
 */
export function drawWithGpuWhereAvailable(term: Terminal): 'webgl' | 'dom' {
  if (!webglAvailable()) return 'dom';
  try {
    const addon = new WebglAddon();
    addon.onContextLoss(() => addon.dispose());
    term.loadAddon(addon);
    return 'webgl';
  } catch {
    return 'dom';
  }
}

const softwareRenderers = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

function webglAvailable(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !softwareRenderers.test(renderer);
  } catch {
    return false;
  }
}
