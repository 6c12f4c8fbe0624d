// Plays the far end's audio on the chosen speaker. JsSIP leaves the remote track to the app; an
// <audio> element that is never put in the page is enough. The output follows the device settings
// (setRemoteAudioOutput), also for calls already in progress.
const playing = new Set<HTMLAudioElement>();
let outputId = '';

/** '' is the system default; a device that cannot be used falls back to it. */
export function setRemoteAudioOutput(deviceId: string): void {
  if (deviceId === outputId) return;
  outputId = deviceId;
  for (const audio of playing) routeTo(audio, deviceId);
}

function routeTo(audio: HTMLAudioElement, deviceId: string): void {
  if (typeof audio.setSinkId !== 'function' || audio.sinkId === deviceId) return;
  audio.setSinkId(deviceId).catch(() => {
    if (deviceId !== '') audio.setSinkId('').catch(() => undefined);
  });
}

export function playRemoteAudio(pc: RTCPeerConnection): () => void {
  const audio = new Audio();
  audio.autoplay = true;
  playing.add(audio);
  routeTo(audio, outputId);
  const onTrack = (e: RTCTrackEvent) => {
    if (e.track.kind !== 'audio') return;
    audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
    // Autoplay may be refused before a user gesture; the call goes on, and the next gesture plays it.
    audio.play().catch(() => undefined);
  };
  pc.addEventListener('track', onTrack);
  return () => {
    pc.removeEventListener('track', onTrack);
    playing.delete(audio);
    audio.pause();
    audio.srcObject = null;
  };
}
