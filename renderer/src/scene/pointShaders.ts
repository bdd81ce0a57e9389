// The point cloud's shaders (one draw call for every point).
/** Points: GPU-side layout transition (mix of two positions), colour and highlight flags. */
export const VERTEX = /* glsl */ `
attribute vec3 fromPos;
attribute vec3 rgb;
attribute float flag;
uniform float uT;
uniform float uSize;
uniform float uOpacity;
uniform float uPixelRatio;
uniform float uFlat;
varying vec4 vColor;
void main() {
  vec3 p = mix(fromPos, position, uT);
  vec4 mv = modelViewMatrix * vec4(p, 1.0);
  gl_Position = projectionMatrix * mv;
  float size = uSize;
  float alpha = uOpacity;
  vec3 c = rgb;
  float front = 0.0;
  // Hidden by the filter: outside the clip volume, so never drawn.
  if (flag > 5.5) { gl_Position = vec4(2.0, 2.0, 2.0, 1.0); gl_PointSize = 0.0; vColor = vec4(0.0); return; }
  if (flag > 0.5 && flag < 1.5) { alpha *= 0.18; c = mix(c, vec3(0.35), 0.6); }
  else if (flag > 1.5 && flag < 2.5) { size *= 1.5; alpha = 1.0; front = 0.3; }
  else if (flag > 2.5 && flag < 3.5) { size *= 1.9; alpha = 1.0; c = vec3(1.0, 0.8, 0.15); front = 0.5; }
  else if (flag > 3.5) { size *= 2.6; alpha = 1.0; c = vec3(1.0); front = 0.7; }
  // In 2-D every point has z = 0; highlighted points are pulled in front so nothing covers them.
  gl_Position.z -= front * uFlat * gl_Position.w;
  gl_PointSize = size * uPixelRatio;
  vColor = vec4(c, alpha);
}`;

/** Round points. */
export const FRAGMENT = /* glsl */ `
varying vec4 vColor;
void main() {
  vec2 d = gl_PointCoord - 0.5;
  if (dot(d, d) > 0.25) discard;
  gl_FragColor = vColor;
}`;
