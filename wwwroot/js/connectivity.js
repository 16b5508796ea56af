// Tells the live room at once when this device goes offline or comes back online: the connection itself can
// take half a minute to notice that the network is gone.
export function watch(room) {
  const report = () => room.invokeMethodAsync('SetOnline', navigator.onLine);
  window.addEventListener('online', report);
  window.addEventListener('offline', report);
  if (!navigator.onLine) {
    report();
  }

  return {
    stop: () => {
      window.removeEventListener('online', report);
      window.removeEventListener('offline', report);
    },
  };
}
