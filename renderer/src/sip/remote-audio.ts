// Plays the far end's audio. JsSIP leaves the remote track to the app; an <audio> element that is
// never put in the page is enough (output device selection via setSinkId comes with device settings).
export function playRemoteAudio(pc: RTCPeerConnection): () => void {
  const audio = new Audio();
  audio.autoplay = true;
  const onTrack = (e: RTCTrackEvent) => {
    if (e.track.kind !== 'audio') return;
    audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
    // Autoplay may be refused before a user gesture; the call goes on, and the next gesture plays it.
    audio.play().catch(() => undefined);
  };
  pc.addEventListener('track', onTrack);
  return () => {
    pc.removeEventListener('track', onTrack);
    audio.pause();
    audio.srcObject = null;
  };
}
